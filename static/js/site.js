// Progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  // Protected email addresses: the HTML holds reversed base64, never a mailto or an @.
  document.querySelectorAll(".protected-email[data-e]").forEach(function (span) {
    try {
      var address = atob(span.dataset.e.split("").reverse().join(""));
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = span.dataset.label || address;
      span.replaceWith(link);
    } catch (e) { /* leave the readable text in place */ }
  });

  // Copy buttons: the citation stays a selectable block without JavaScript.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.dataset.copyTarget);
      if (!target || !navigator.clipboard) return;
      navigator.clipboard.writeText(target.innerText.trim()).then(function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();

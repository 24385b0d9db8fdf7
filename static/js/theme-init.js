// Runs before the first paint (loaded without defer in <head>), so a visitor who chose a
// light or dark theme never sees the other one flash. A file, not inline: the site's
// Content-Security-Policy allows no inline script.
try {
  var t = localStorage.getItem("labsite-theme");
  if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
} catch (e) {}
// Mark scripting as on before the first paint too, so controls that need it (the theme switch)
// take their place at once instead of pushing the page down when site.js runs (layout shift).
document.documentElement.classList.replace("no-js", "js");

// Protected email addresses (the HTML holds reversed base64, never a mailto or an @) become
// links as the page is parsed, before it is painted: replaced later, the shorter address
// reflowed the text below it (a layout shift Lighthouse counted on the privacy notice).
(function () {
  function reveal(span) {
    try {
      var address = atob(span.dataset.e.split("").reverse().join(""));
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = span.dataset.label || address;
      span.replaceWith(link);
    } catch (e) { /* leave the readable text in place */ }
  }
  function revealAll() {
    document.querySelectorAll(".protected-email[data-e]").forEach(reveal);
  }
  if (!window.MutationObserver) {
    document.addEventListener("DOMContentLoaded", revealAll);
    return;
  }
  var observer = new MutationObserver(revealAll);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect();
    revealAll();
  });
})();

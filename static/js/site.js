// Progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var script = document.currentScript;
  document.documentElement.classList.replace("no-js", "js");

  // Protected email addresses become links in theme-init.js, before the first paint.

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

  // Light/dark toggle: remembers the choice; until then the system setting decides.
  var toggle = document.querySelector("[data-theme-toggle]");
  if (toggle) {
    var root = document.documentElement;
    var isDark = function () {
      if (root.dataset.theme) return root.dataset.theme === "dark";
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    };
    var show = function () { toggle.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", function () {
      root.dataset.theme = isDark() ? "light" : "dark";
      try { localStorage.setItem("labsite-theme", root.dataset.theme); } catch (e) { /* private mode */ }
      show();
    });
  }

  // Filters fold into one line on phones; on wide screens they start open.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (fold) { fold.open = true; });
  }

  // Mathematics: KaTeX from the site's own static files, fetched only when a page has some.
  // Without JavaScript the LaTeX source stays readable in place.
  var displays = document.querySelectorAll(".math[data-latex]");
  var texts = Array.prototype.filter.call(document.querySelectorAll(".math-text"), function (el) {
    return /\$[^$]+\$|\\\(|\\\[/.test(el.textContent);
  });
  var typeset = function () {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.dataset.katexCss;
    document.head.appendChild(css);
    var load = function (src, done) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = done;
      document.head.appendChild(tag);
    };
    load(script.dataset.katexJs, function () {
      displays.forEach(function (el) {
        window.katex.render(el.dataset.latex, el, { displayMode: true, throwOnError: false });
      });
      if (!texts.length) return;
      load(script.dataset.katexAuto, function () {
        texts.forEach(function (el) {
          window.renderMathInElement(el, {
            delimiters: [
              { left: "$$", right: "$$", display: true },
              { left: "$", right: "$", display: false },
              { left: "\\(", right: "\\)", display: false },
              { left: "\\[", right: "\\]", display: true }
            ],
            throwOnError: false
          });
        });
      });
    });
  };
  // Once the page has loaded and been painted: KaTeX (130 KB with its fonts) would otherwise
  // share a slow connection with what the visitor came for and hold back the first paint
  // (Lighthouse on a phone: 1.5 s of render delay on a page with one equation). The LaTeX
  // reads well until then. (A timeout set in an animation frame runs after that frame's paint.)
  if ((displays.length || texts.length) && script && script.dataset.katexJs) {
    var afterPaint = function () {
      window.requestAnimationFrame(function () { window.setTimeout(typeset, 0); });
    };
    if (document.readyState === "complete") afterPaint();
    else window.addEventListener("load", afterPaint);
  }

  // Forms: the error summary takes focus (autofocus does it too; this covers older browsers).
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary && document.activeElement !== summary) summary.focus();

  // Character counters: the limits are in the help text; this shows where you are.
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    if (!field) return;
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var update = function () {
      counter.textContent = field.value.trim().length.toLocaleString() + " of " + max.toLocaleString() + " characters";
    };
    counter.hidden = false;
    update();
    field.addEventListener("input", update);
  });

  // Votes on the paper feed: the same POST as the plain form, without leaving the page.
  document.querySelectorAll("form[data-vote-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) return;
      event.preventDefault();
      var button = form.querySelector("button");
      var choice = form.querySelector("input[name=vote]");
      var count = form.querySelector("[data-vote-count]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        var voted = data.voted;
        choice.value = voted ? "remove" : "add";
        button.setAttribute("aria-pressed", voted ? "true" : "false");
        button.firstChild.textContent = voted ? "Voted " : "Vote ";
        count.textContent = data.votes + (data.votes === 1 ? " vote" : " votes");
      }).catch(function () {
        form.submit();  // let the server answer the plain way
      }).finally(function () {
        button.disabled = false;
      });
    });
  });
})();

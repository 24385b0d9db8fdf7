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

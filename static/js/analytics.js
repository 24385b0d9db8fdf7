// Visitor statistics, as the group chose them in its settings (labsite/analytics.py).
// Services without cookies start at once; a service with cookies (Google Analytics) starts
// only after the visitor allows it in the banner. Browsers asking not to be tracked (Global
// Privacy Control, Do Not Track) are never counted. The visitor's choice stays in this
// browser's local storage, not in a cookie; "Privacy choices" in the footer opens the banner.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var provider = me.getAttribute("data-analytics-provider");
  var siteId = me.getAttribute("data-analytics-id");
  var server = me.getAttribute("data-analytics-server");
  var needsConsent = me.getAttribute("data-analytics-consent") === "required";
  var KEY = "labsite-statistics-consent";

  function doNotTrack() {
    return navigator.globalPrivacyControl === true || navigator.doNotTrack === "1";
  }

  function addScript(src, attributes) {
    var script = document.createElement("script");
    script.async = true;
    script.src = src;
    Object.keys(attributes || {}).forEach(function (name) {
      script.setAttribute(name, attributes[name]);
    });
    document.head.appendChild(script);
  }

  var started = false;
  function start() {
    if (started) return;
    started = true;
    if (provider === "plausible") {
      addScript(server + "/js/script.js", { "data-domain": siteId });
    } else if (provider === "umami") {
      addScript(server + "/script.js", { "data-website-id": siteId });
    } else if (provider === "matomo") {
      var queue = (window._paq = window._paq || []);
      queue.push(["disableCookies"], ["trackPageView"], ["enableLinkTracking"]);
      queue.push(["setTrackerUrl", server + "/matomo.php"], ["setSiteId", siteId]);
      addScript(server + "/matomo.js");
    } else if (provider === "google") {
      window.dataLayer = window.dataLayer || [];
      window.gtag = function () { window.dataLayer.push(arguments); };
      window.gtag("js", new Date());
      window.gtag("config", siteId, { anonymize_ip: true });
      addScript("https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(siteId));
    }
  }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(choice) {
    try { window.localStorage.setItem(KEY, choice); } catch (e) { /* private mode: ask again */ }
  }

  if (doNotTrack()) return;
  if (!needsConsent) { start(); return; }

  var banner = document.querySelector("[data-consent-banner]");
  function showBanner() {
    if (!banner) return;
    banner.hidden = false;
    var first = banner.querySelector("button");
    if (first) first.focus();
  }
  if (banner) {
    banner.addEventListener("click", function (event) {
      var choice = event.target.getAttribute && event.target.getAttribute("data-consent-choice");
      if (!choice) return;
      remember(choice);
      banner.hidden = true;
      if (choice === "granted") start();
    });
  }
  var reopen = document.querySelector("[data-consent-reopen]");
  if (reopen) {
    reopen.hidden = false;
    reopen.addEventListener("click", showBanner);
  }
  var choice = stored();
  if (choice === "granted") start();
  else if (choice !== "denied") showBanner();
})();

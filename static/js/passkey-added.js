// Once the browser has made a passkey (django-otp-webauthn's event), go on: recovery codes
// the first time, else back to the two-factor page (labsite.two_factor.views.passkey_added).
document.addEventListener("otp_webauthn.register_complete", () => {
  const after = document.getElementById("passkey-after");
  if (after && after.dataset.url) window.location.assign(after.dataset.url);
});

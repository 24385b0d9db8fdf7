"""The set-up QR code, as inline SVG (no image request, nothing for the page's security policy
to allow), and the same secret as text for an app that cannot scan."""

import base64

import segno


def svg(otpauth_url: str) -> str:
    code = segno.make(otpauth_url, error="m")
    return code.svg_inline(scale=5, dark="#000", light="#fff", title="QR code")


def secret_in_groups(device) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))

"""The privacy notice: a page generated from what the site actually does with personal data,
part by part (each app registers the parts it owns), linked from every footer."""

"""Spreadsheet exports from admin listings that a spreadsheet cannot turn into formulas."""

# Cells starting with these run as formulas in Excel and LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SafeSpreadsheetExportMixin:
    """For a Wagtail IndexView: text cells that look like formulas are exported as text, in
    every format the listing offers (CSV and XLSX alike: an XLSX cell typed as text still
    becomes a formula again when a person edits it, or saves the sheet as CSV)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value

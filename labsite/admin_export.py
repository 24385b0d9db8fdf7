"""Spreadsheet exports from admin listings that a spreadsheet cannot turn into formulas."""

# Cells starting with these run as formulas in Excel and LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SafeCSVExportMixin:
    """For a Wagtail IndexView: text cells that look like formulas are exported as text."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        is_text = export_format == self.FORMAT_CSV and isinstance(value, str)
        if is_text and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value

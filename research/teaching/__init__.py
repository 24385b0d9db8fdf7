"""Teaching: course pages (code, title, term, level, who taught it and how, materials), a
teaching index, and a person's Teaching section."""

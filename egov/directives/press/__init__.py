"""The weekly press release (thông cáo báo chí) of a People's Committee on its directives.

Import from the submodules: ``rules`` (pure layout and wording rules), ``selectors``,
``services`` (create, update, number, publish) and ``render`` (HTML, PDF, DOCX).
"""

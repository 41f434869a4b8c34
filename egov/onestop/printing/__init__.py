"""The official forms of the one-stop desk (Circular 01/2018/TT-VPCP art. 9, Mẫu 01–05) as
printable HTML and A5 PDF, built from a dossier and the notices issued for it.

Import from the submodules: ``from egov.onestop.printing.render import form_pdf``.
"""

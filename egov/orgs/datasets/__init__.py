"""Org datasets shipped as JSON; a package so the files install with egov."""

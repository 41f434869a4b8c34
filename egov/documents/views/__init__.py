"""Pages of the document registry in the officer workspace (thin: forms check the shape,
services the rules, selectors scope every read)."""

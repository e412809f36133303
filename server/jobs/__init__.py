"""Analysis work as claimed job rows, shared by any number of scheduler processes."""

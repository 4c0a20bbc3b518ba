# SQL queries a public page may run. With an empty cache (the worst case, right
# after a restart or a cache flush) a page reads its content (up to 4 queries:
# the article with its rating, photos, related articles, reported decisions)
# and the site chrome, each kept in the cache afterwards: content version, menu,
# website links, visit total, abbreviation glossary, the footer's legal
# details (site settings), the most-read block. With a warm cache an
# anonymous page is one cache read and no query (tests/core/test_pagecache.py);
# a visitor who voted, or a page not cached whole, at most 2 (the article
# itself, the visitor's own rating).
COLD_PAGE_QUERIES = 11
WARM_PAGE_QUERIES = 2

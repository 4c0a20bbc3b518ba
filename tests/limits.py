# SQL queries a public page may run. With an empty cache (the worst case, right
# after a restart or a content change) a page reads its content (up to 4
# queries) and the site chrome: content version, menu, website links and visit
# total. With a warm cache only what is per request remains (the article, the
# visitor's own rating).
COLD_PAGE_QUERIES = 8
WARM_PAGE_QUERIES = 2

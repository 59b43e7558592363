package cn.tongbei.library.search;

import java.util.Map;

/**
 * One search: the text, facet filters by dimension (values as users see them), the sort
 * ({@code relevance}, {@code newest}, {@code downloads}, {@code rating}) and the page (1-based).
 */
public record SearchRequest(String q, Map<String, String> filters, String sort, int page, int size) {
    public static final int MAX_SIZE = 50;
    public static final int MAX_PAGE = 100;
}

package cn.tongbei.library.search;

import java.util.List;
import java.util.Map;

/** What a search found: the total, this page's hits with highlights, and facet counts per dimension. */
public record SearchResult(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    /**
     * One hit: the resource id, its score, highlighted passages (HTML-escaped text with {@code <em>}) and the
     * resource's summary as the index holds it (a JSON object, encoded).
     */
    public record Hit(long id, float score, String titleHighlight, List<String> bodyHighlights, String summary) {}

    /** A facet value and how many visible matching resources have it. */
    public record FacetCount(String value, int count) {}
}

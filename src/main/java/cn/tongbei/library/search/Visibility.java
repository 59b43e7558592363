package cn.tongbei.library.search;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * {@link AccessPolicy#viewResource} as a Lucene filter: the owner's own resources; public ones that are
 * approved (or in a group the user reviews); group ones of the user's groups, approved or reviewed by them;
 * school ones of the user's schools. Used as a FILTER clause inside every query.
 */
public final class Visibility {
    private Visibility() {}

    public static Query filter(Principal p) {
        BooleanQuery.Builder reviewed = new BooleanQuery.Builder()
                .add(term(IndexSchema.REVIEW, "approved"), Occur.SHOULD);
        for (long g : p.groupIds()) {
            if (AccessPolicy.reviewLibrary(p, g).allowed()) {
                reviewed.add(term(IndexSchema.GROUP, String.valueOf(g)), Occur.SHOULD);
            }
        }
        Query approved = reviewed.build();
        BooleanQuery.Builder groups = new BooleanQuery.Builder();
        p.groupIds().forEach(g -> groups.add(term(IndexSchema.GROUP, String.valueOf(g)), Occur.SHOULD));
        BooleanQuery.Builder schools = new BooleanQuery.Builder();
        AccessPolicy.schoolsOf(p).forEach(s -> schools.add(term(IndexSchema.SCHOOL, String.valueOf(s)),
                Occur.SHOULD));
        return new BooleanQuery.Builder()
                .add(term(IndexSchema.OWNER, String.valueOf(p.userId())), Occur.SHOULD)
                .add(new BooleanQuery.Builder().add(term(IndexSchema.VISIBILITY, "public"), Occur.FILTER)
                        .add(approved, Occur.FILTER).build(), Occur.SHOULD)
                .add(new BooleanQuery.Builder().add(term(IndexSchema.VISIBILITY, "group"), Occur.FILTER)
                        .add(groups.build(), Occur.FILTER).add(approved, Occur.FILTER).build(), Occur.SHOULD)
                .add(new BooleanQuery.Builder().add(term(IndexSchema.VISIBILITY, "school"), Occur.FILTER)
                        .add(schools.build(), Occur.FILTER).build(), Occur.SHOULD)
                .build();
    }

    private static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }
}

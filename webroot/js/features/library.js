// library: the shared courseware library (优质课程资源库): search, browse, upload, resource pages, review queue.

import * as searchPage from '../pages/library/search.js';
import * as resourcePage from '../pages/library/resource.js';
import * as reviewPage from '../pages/library/review.js';
import * as cataloguePage from '../pages/library/catalogue.js';
import '../pages/library/strings.js';

export function register(route) {
  route('/library', searchPage, { nav: 'library' });
  route('/library/resources/:id', resourcePage, { nav: 'library' });
  route('/library/review', reviewPage, { nav: 'library' });
  route('/library/catalogue', cataloguePage, { nav: 'library' });
}

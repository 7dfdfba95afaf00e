/*
 * feed.h - the feed readers (feed.c), for reader.c: a document whose
 * root is an Atom 1.0 feed, an RSS 2.0 channel or an xCal calendar is
 * read by them instead of as a timeline.  Include it from reader.c and
 * feed.c only.  Internal to libbriefing.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>

#include <libxml/tree.h>

#include "input.h"

enum feed_kind {
	FEED_NONE,
	FEED_ATOM,		/* <feed> in Atom's namespace */
	FEED_RSS,		/* <rss>, no namespace */
	FEED_XCAL		/* <icalendar> in xCal's namespace */
};

/* What kind of feed root is the root of, by its name and namespace. */
enum feed_kind	feed_kind(const xmlNode *root);

/*
 * The feed at root (of a document xmlsafe.c parsed, whose _private is
 * its struct src) into m: its title, subtitle and language, and its
 * entries as events, in the order they come, after the *n in *events
 * (malloc'd, *cap of room), with their dates in m's zone (m->zone).
 * A feed a timeline names (named) needs no title.  Every problem is
 * reported to d.
 */
void		feed_read(struct tl_model *m, struct arena *a, struct diag *d,
		    const xmlNode *root, struct tl_event **events, size_t *n,
		    size_t *cap, int named);

#endif

/*
 * rank_params.h - reading --rank-params: the default ranking's settings
 * (xc_rank_params), changed for measuring (bench/loco), as a list
 *
 *   key=value[,key=value...]
 *
 * with keys weighting (bm25, bm25plus, dph, inl2, pl2, tfidf), expansion
 * (trad, bo1), feedback (a share, 0 to 100), feedback-docs, feedback-terms,
 * proximity-words (whole numbers), proximity-weight (0 to 100) and window
 * (a whole number). Keys not given keep their value.
 */
#ifndef SEARCHER_RANK_PARAMS_H
#define SEARCHER_RANK_PARAMS_H

#include <stddef.h>

#include "xc.h"

/* Reads SPEC into *P. Returns 0, or -1 with what is wrong with SPEC in WHY
 * (WHYLEN bytes); *P may then be changed in part. */
int rank_params_parse(const char *spec, xc_rank_params *p, char *why, size_t whylen);

#endif

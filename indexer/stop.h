/*
 * stop.h - ^C, kill and hang-up: the run stops between two documents and
 * commits what it did. A second ^C kills.
 */
#ifndef INDEXER_STOP_H
#define INDEXER_STOP_H

/* Catches SIGINT, SIGTERM and SIGHUP. */
void stop_catch(void);

/* The signal that asked the run to stop, or 0. Any thread may ask. */
int stop_signal(void);

#endif

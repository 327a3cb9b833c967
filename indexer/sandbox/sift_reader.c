/* sift-reader: the indexer's reader process (worker.h). */
#include "worker.h"

int main(int argc, char **argv)
{
    return worker_main(argc, argv);
}

/* placeholder so the build configures: the search engineer writes the real json_check here */
int main(void) { return 1; }

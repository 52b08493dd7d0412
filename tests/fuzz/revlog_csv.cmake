# The FSRS review-log CSV reader (mondo fsrs replay's input) and the replay behind it.
mondo_add_fuzzer(revlog_csv LIBS mondo_sched)

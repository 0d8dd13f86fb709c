"""The chapter layer: for each chapter of the book, one function per section returning the
named values that section's prose shows (the chapter glues them). Chapters narrate and call;
the lookups and arithmetic behind their numbers live here, tested."""

# The interview parser (+ question generation and the JSON writer on what it accepts), and the
# Japanese text functions behind grading (Fold, grapheme distance, Grade, sentences, words).
mondo_add_fuzzer(interview_parser LIBS mondo_content)
mondo_add_fuzzer(japanese_grade LIBS mondo_content)

build-seclog/obj/tests/unit/test-utf8.o: tests/unit/test-utf8.c \
 protocol/utf8.h
protocol/utf8.h:

build-seclog/obj/tests/unit/test-sanitize.o: tests/unit/test-sanitize.c \
 protocol/proto.h protocol/utf8.h
protocol/proto.h:
protocol/utf8.h:

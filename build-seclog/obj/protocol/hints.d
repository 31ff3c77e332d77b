build-seclog/obj/protocol/hints.o: protocol/hints.c protocol/proto.h \
 protocol/utf8.h
protocol/proto.h:
protocol/utf8.h:

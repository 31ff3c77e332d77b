build-seclog/obj/protocol/proto.o: protocol/proto.c protocol/proto.h \
 protocol/utf8.h protocol/wire.h
protocol/proto.h:
protocol/utf8.h:
protocol/wire.h:

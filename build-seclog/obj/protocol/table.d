build-seclog/obj/protocol/table.o: protocol/table.c protocol/proto.h \
 protocol/utf8.h protocol/wire.h
protocol/proto.h:
protocol/utf8.h:
protocol/wire.h:

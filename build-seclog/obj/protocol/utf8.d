build-seclog/obj/protocol/utf8.o: protocol/utf8.c protocol/utf8.h
protocol/utf8.h:

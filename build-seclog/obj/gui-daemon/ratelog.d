build-seclog/obj/gui-daemon/ratelog.o: gui-daemon/ratelog.c \
 gui-daemon/ratelog.h
gui-daemon/ratelog.h:

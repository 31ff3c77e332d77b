build-seclog/obj/shm/shm-local.o: shm/shm-local.c shm/shm.h \
 shm/../protocol/proto.h shm/../protocol/utf8.h
shm/shm.h:
shm/../protocol/proto.h:
shm/../protocol/utf8.h:

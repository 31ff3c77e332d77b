build-seclog/obj/shm/shm-xen.o: shm/shm-xen.c shm/shm.h \
 shm/../protocol/proto.h shm/../protocol/utf8.h shm/shm-xen.h
shm/shm.h:
shm/../protocol/proto.h:
shm/../protocol/utf8.h:
shm/shm-xen.h:

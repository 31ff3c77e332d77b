build-seclog/obj/gui-agent/buffer-xen.o: gui-agent/buffer-xen.c \
 gui-agent/xen.h gui-agent/agent.h gui-agent/../protocol/proto.h \
 gui-agent/../protocol/utf8.h gui-agent/../shm/shm-xen.h
gui-agent/xen.h:
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
gui-agent/../shm/shm-xen.h:

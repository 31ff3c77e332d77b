build-seclog/obj/gui-agent/vchan.o: gui-agent/vchan.c gui-agent/xen.h \
 gui-agent/agent.h gui-agent/../protocol/proto.h \
 gui-agent/../protocol/utf8.h
gui-agent/xen.h:
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:

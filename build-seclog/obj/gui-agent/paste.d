build-seclog/obj/gui-agent/paste.o: gui-agent/paste.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:

build-seclog/obj/gui-agent/clipboard.o: gui-agent/clipboard.c \
 gui-agent/agent.h gui-agent/../protocol/proto.h \
 gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:

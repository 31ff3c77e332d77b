build-seclog/obj/gui-agent/props.o: gui-agent/props.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:

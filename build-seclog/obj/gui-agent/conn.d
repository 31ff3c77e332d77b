build-seclog/obj/gui-agent/conn.o: gui-agent/conn.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:

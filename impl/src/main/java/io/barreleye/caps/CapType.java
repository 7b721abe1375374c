package io.barreleye.caps;

/** The types of capability (DESIGN.md section 2): untyped RAM is retyped into the others. */
public enum CapType { RAM, FRAME, CNODE, VNODE, ENDPOINT }

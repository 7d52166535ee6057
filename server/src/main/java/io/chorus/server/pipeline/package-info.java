/**
 * The request pipeline on a node's driver thread: sessions and their FIFO queues, reads served from
 * the local tree, writes proposed as transactions and answered once applied, watch delivery.
 */
package io.chorus.server.pipeline;

package io.chorus.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.datatree.txn.Txn;
import io.chorus.datatree.txn.TxnBody;
import io.chorus.datatree.txn.TxnHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposedTxnsTest {
    private static final Txn TXN = new Txn(new TxnHeader(1, 2, 3, List.of()), new TxnBody.Delete("/a", -1));

    @Test
    void aTransactionIsFoundByItsPayloadArrayOnlyAndOnlyOnce() {
        ProposedTxns proposed = new ProposedTxns(10);
        byte[] payload = {1, 2, 3};
        proposed.remember(payload, TXN);

        assertThat(proposed.take(new byte[] {1, 2, 3})).as("equal bytes in another array").isNull();
        assertThat(proposed.take(payload)).isSameAs(TXN);
        assertThat(proposed.take(payload)).as("taken already").isNull();
    }

    @Test
    void beyondTheBoundNothingMoreIsRemembered() {
        ProposedTxns proposed = new ProposedTxns(2);
        byte[] first = {1};
        byte[] second = {2};
        byte[] third = {3};
        proposed.remember(first, TXN);
        proposed.remember(second, TXN);
        proposed.remember(third, TXN);

        assertThat(proposed.size()).isEqualTo(2);
        assertThat(proposed.take(third)).isNull();
        assertThat(proposed.take(first)).isSameAs(TXN);
    }

    @Test
    void clearForgetsEverything() {
        ProposedTxns proposed = new ProposedTxns(10);
        byte[] payload = {1};
        proposed.remember(payload, TXN);
        proposed.clear();

        assertThat(proposed.take(payload)).isNull();
        assertThat(proposed.size()).isZero();
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new ProposedTxns(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.vocelio.transfer.entity;

import com.vocelio.platform.boundary.BusinessException;

/** A move the transfer's state machine does not allow from where it is. */
public class IllegalTransferStateException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public IllegalTransferStateException(String transferId, TransferStatus from, String action) {
        super(
                Kind.CONFLICT,
                "illegal_transfer_state",
                "Transfer " + transferId + " is " + from.wireName() + " and cannot be " + action);
    }
}

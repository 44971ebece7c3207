package com.vocelio.transfer.boundary;

import com.vocelio.platform.boundary.BusinessException;

public class UnknownTransferException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public UnknownTransferException(String transferId) {
        super(Kind.NOT_FOUND, "transfer_not_found", "Transfer '" + transferId + "' not found");
    }
}

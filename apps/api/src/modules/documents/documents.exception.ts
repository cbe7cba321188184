import { DomainException } from '../../common/domain.exception';

export enum DocumentsExceptionCode {
  NotFound = 'DOCUMENT_NOT_FOUND',
  StatusChangeInvalid = 'DOCUMENT_STATUS_CHANGE_INVALID',
}

export class DocumentsException extends DomainException {
  static notFound(): DocumentsException {
    return new DocumentsException(DocumentsExceptionCode.NotFound, 404, 'Nie znaleziono dokumentu.');
  }

  static statusChangeInvalid(from: string, to: string): DocumentsException {
    const detail = `Dokumentu o statusie „${from}” nie można oznaczyć jako „${to}”: najpierw musi zostać przyjęty przez KSeF lub z niego pobrany.`;
    return new DocumentsException(DocumentsExceptionCode.StatusChangeInvalid, 422, detail, [
      { path: 'status', message: detail },
    ]);
  }
}

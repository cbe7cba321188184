import { DomainException } from '../../common/domain.exception';

export enum FoldersExceptionCode {
  NotFound = 'FOLDER_NOT_FOUND',
  Cycle = 'FOLDER_CYCLE',
  System = 'FOLDER_SYSTEM',
  NotEmpty = 'FOLDER_NOT_EMPTY',
  NameTaken = 'FOLDER_NAME_TAKEN',
  MoveTargetInvalid = 'FOLDER_MOVE_TARGET_INVALID',
}

export class FoldersException extends DomainException {
  static notFound(path?: string): FoldersException {
    const detail = 'Nie znaleziono katalogu.';
    return new FoldersException(FoldersExceptionCode.NotFound, 404, detail, path ? [{ path, message: detail }] : []);
  }

  static cycle(): FoldersException {
    const detail = 'Nie można przenieść katalogu do niego samego ani do jego podkatalogu.';
    return new FoldersException(FoldersExceptionCode.Cycle, 422, detail, [{ path: 'parentId', message: detail }]);
  }

  static system(): FoldersException {
    return new FoldersException(
      FoldersExceptionCode.System,
      422,
      'Katalogu systemowego „Nieprzypisane” nie można zmieniać, przenosić ani usuwać.',
    );
  }

  static notEmpty(documents: number, subfolders: number): FoldersException {
    return new FoldersException(
      FoldersExceptionCode.NotEmpty,
      409,
      `Katalog nie jest pusty (dokumenty: ${documents}, podkatalogi: ${subfolders}). ` +
        'Wskaż katalog, do którego przenieść dokumenty (parametr moveDocumentsTo).',
    );
  }

  static nameTaken(): FoldersException {
    const detail = 'W tym miejscu istnieje już katalog o tej nazwie.';
    return new FoldersException(FoldersExceptionCode.NameTaken, 409, detail, [{ path: 'name', message: detail }]);
  }

  static moveTargetInvalid(): FoldersException {
    const detail = 'Dokumentów nie można przenieść do usuwanego katalogu ani do jego podkatalogu.';
    return new FoldersException(FoldersExceptionCode.MoveTargetInvalid, 422, detail, [
      { path: 'moveDocumentsTo', message: detail },
    ]);
  }
}
